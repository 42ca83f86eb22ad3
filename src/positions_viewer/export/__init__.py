"""The export service (DESIGN §6): what to write and how, for the command line and the window.

Below the UI and above the model, and Qt-free (an import-linter contract says so):

- :mod:`.jobs`: planning (which files, for which filters, saved views or presenter steps)
  and :func:`~.jobs.write_plan`, all or none;
- :mod:`.captions`: the filters, the as-of date and the step in words;
- :mod:`.tables` and :mod:`.escape`: the Markdown and CSV writers, text made safe;
- :mod:`.formats`: the registry (format name → writer); ``md`` and ``csv`` here, pictures
  registered by the renderer (``positions_viewer.ui.render.image``);
- :mod:`.atomic`: atomic writes, symbolic links written through, cleanup on signals.
"""
