"""Whatever a source holds, an import never raises: it plans, with located diagnostics, and
what it would write always loads (DESIGN §2: "a TOML file that check passes")."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from positions_viewer.model import load_bytes
from positions_viewer.model.importers import ImportFormat, ImportOptions, plan_import

HEADERS = ["actor", "Actor ID", "issue", "issue_id", "date", "Date (2025)", "end", "title",
           "text", "stance", "source", "url", "event", "actors", "issues", "Year", "Headline",
           "Group", "", "x", "Speaker", "Topic", "Quote", "When"]
CELLS = st.one_of(
    st.sampled_from(["", "NA", "N/A", "2025-12-26", "07/08/2022", "25/12/2022", "Dec 18–20",
                     "55 BC", "#VALUE!", "c. 1900", "France", "france", "Whether talks?",
                     "https://example.org/a b", "https://example.org/ok", "ftp://x", "'=1+1",
                     "a;b;;c", "<b>bold</b>", "line\nbreak", "\x00nul", "\u202eevil", "—",
                     "x" * 3000, '"quoted"', "\\back", "2022–2020", "Jan 2026", "878"]),
    st.text(max_size=12),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(header=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=6),
       rows=st.lists(st.lists(CELLS, max_size=7), max_size=6),
       fmt=st.sampled_from([ImportFormat.CSV, ImportFormat.MD, ImportFormat.HTML]),
       keep_going=st.booleans())
def test_any_table_plans_without_raising(header: list[str], rows: list[list[str]],
                                         fmt: ImportFormat, keep_going: bool) -> None:
    if fmt is ImportFormat.CSV:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows(rows)
        text = buffer.getvalue()
    elif fmt is ImportFormat.MD:
        text = "\n".join("| " + " | ".join(c.replace("\n", " ").replace("|", "\\|")
                                           for c in row) + " |" for row in [header, *rows])
    else:
        text = "<table>" + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>"
                                   for row in [header, *rows]) + "</table>"
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"in.{fmt.value}"
        source.write_text(text, encoding="utf-8", errors="surrogatepass")
        plan = plan_import([source], ImportOptions(format=fmt, keep_going=keep_going))
    for diagnostic in plan.diagnostics:
        assert diagnostic.file.startswith("in.") or diagnostic.file == "out.toml", diagnostic
        assert "\n" not in str(diagnostic)
    if plan.data is not None:
        assert load_bytes(plan.data, "out.toml").dataset is not None
    if plan.errors and not keep_going:
        assert not plan.writable
