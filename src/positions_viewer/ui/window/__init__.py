"""The main window: layout, menus, the header and banner, and the wiring to the session."""
