"""The main window and its parts: layout, actions, dialogs."""
