"""The open document's file: loading it off the GUI thread (progress, cancel) and watching it
for saves made elsewhere, so the window always ends on the file's last content (DESIGN §3,
"Live reload")."""
