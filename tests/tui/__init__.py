"""The clerk's terminal app, driven through Textual's pilot."""
