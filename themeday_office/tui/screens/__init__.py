"""Full screens: the main screen with its tabs, and a submission's details."""
