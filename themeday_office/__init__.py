"""themeday-office: the Theme Party Day (主题党日) kit for a district Organization Department."""

__version__ = "0.1.0"
