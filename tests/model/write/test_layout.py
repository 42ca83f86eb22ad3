"""Where entries are in a file's bytes: headers found by the fast scan, not inside strings;
an entry's block from its header (with the comments right above it) to its last value;
the layout kept in step after an edit without scanning the file again."""

from __future__ import annotations

from positions_viewer.model.write.layout import Layout

TEXT = b"""\xef\xbb\xbf[[actors]]   # first, after a byte order mark
id = "a"
name = "A"
  [actors.extra]
  note = "a sub-table belongs to the entry above"

# about b
# (two comment lines)
[[actors]]
id = "b"
name = '''
[[actors]]
this line is inside a string, not a header
'''
# trailing comment: it belongs to what follows

[[ issues ]]
id = "i"
title = "I"
text = \"\"\"
[[issues]]
\"\"\"
[[issues]]
id = "j"
title = "J\""""


def test_headers_are_found_and_strings_skipped() -> None:
    layout = Layout.scan(TEXT)
    assert layout.count("actors") == 2
    assert layout.count("issues") == 2
    assert layout.kinds[:3] == ["actors", "actors.extra", "issues"]


def test_a_block_runs_from_the_comments_above_to_the_last_value() -> None:
    layout = Layout.scan(TEXT)
    first = layout.block("actors", 0)
    assert TEXT[first.lead:first.end].startswith(b"[[actors]]   # first")
    assert TEXT[first.lead:first.end].endswith(b'note = "a sub-table belongs to the entry above"\n')
    second = layout.block("actors", 1)
    body = TEXT[second.lead:second.end]
    assert body.startswith(b"# about b\n# (two comment lines)\n[[actors]]")
    assert body.endswith(b"not a header\n'''\n")  # the trailing comment stays outside
    last = layout.block("issues", 1)
    assert TEXT[last.start:last.end] == b'[[issues]]\nid = "j"\ntitle = "J"'  # no newline


def test_a_patched_layout_equals_a_fresh_scan() -> None:
    text = TEXT.replace(b"'''", b'"').replace(b'"""', b'"').replace(
        b'name = "\n[[actors]]\nthis line is inside a string, not a header\n"', b'name = "B"'
    ).replace(b'text = "\n[[issues]]\n"\n', b"")
    layout = Layout.scan(text)
    assert not layout.strings
    block = layout.block("actors", 1)
    new = b"[[actors]]\nid = 'b'\nname = 'Bee'\n[[views]]\nid = 'v'\ntitle = 'V'\n"
    data = text[:block.start] + new + text[block.end:]
    patched = layout.patched(block.start, block.end - block.start, new, data)
    fresh = Layout.scan(data)
    assert patched.starts.tolist() == fresh.starts.tolist()
    assert patched.ends.tolist() == fresh.ends.tolist()
    assert [patched.kinds[c // 2] for c in patched.codes] == \
        [fresh.kinds[c // 2] for c in fresh.codes]
    assert patched.count("views") == 1


def test_crlf_and_the_first_line() -> None:
    data = b"[[issues]]\r\nid = 'i'\r\ntitle = 'I'\r\n\r\n[[issues]]\r\nid = 'j'\r\n"
    layout = Layout.scan(data)
    assert layout.newline() == b"\r\n"
    assert layout.count("issues") == 2
    block = layout.block("issues", 0)
    assert data[block.start:block.end] == b"[[issues]]\r\nid = 'i'\r\ntitle = 'I'\r\n"
