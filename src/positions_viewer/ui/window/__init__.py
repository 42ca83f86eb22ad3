"""The main window and its dialogs (export, import), each in its own module."""
