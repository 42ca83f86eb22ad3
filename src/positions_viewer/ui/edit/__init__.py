"""Editing in the window (issue 17): the session's edit history (Qt-free: ``history``,
``saving``) and the forms, dialogs and actions that make edits (Qt)."""
