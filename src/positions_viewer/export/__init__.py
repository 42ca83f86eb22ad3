"""The export service (DESIGN §6): what to write and how, for the command line and the window.

Below the UI and above the model: planning, captions and tables import no Qt; image formats
are registered by the renderer (``positions_viewer.ui.render``).
"""
