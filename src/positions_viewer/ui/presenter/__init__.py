"""Presenter mode: full-screen steps, and the speaker-notes window."""
