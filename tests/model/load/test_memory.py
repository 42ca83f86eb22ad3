"""What a loaded dataset keeps is lean (issue 18: memory per position): repeated stances and
source lists are one object each, dates are shared and work out their days once, and the
memory the parser used goes back to the system."""

from __future__ import annotations

import datetime as dt
import pickle
import platform

import pytest

from positions_viewer.model import PartialDate, load_bytes
from positions_viewer.model.load import release

FILE = """schema = 1
title = "Memory"
[[actors]]
id = "a"
name = "A"
[[actors]]
id = "b"
name = "B"
[[issues]]
id = "i"
title = "I"
[[sources]]
id = "s1"
title = "One"
[[sources]]
id = "s2"
title = "Two"
""" + "".join(f"""[[positions]]
actor = "{'ab'[n % 2]}"
issue = "i"
text = "Statement {n}"
date = 2025-0{1 + n % 3}-1{n % 2}
stance = "{'open' if n % 2 else 'closed'}"
sources = ["s1", "s2", "s1"]
""" for n in range(12))


def test_repeated_stances_and_source_lists_are_shared() -> None:
    dataset = load_bytes(FILE.encode()).dataset
    assert dataset is not None
    positions = dataset.positions
    assert [p.stance for p in positions[:3]] == ["closed", "open", "closed"]
    assert positions[0].stance is positions[2].stance
    assert positions[1].stance is positions[3].stance
    assert positions[0].sources == (0, 1)  # in order, once each
    assert all(p.sources is positions[0].sources for p in positions)
    assert positions[0].date is positions[6].date  # one date object per written date
    assert positions[5].text == "Statement 5"


def test_a_source_list_that_names_an_unknown_source_is_still_an_error() -> None:
    bad = FILE.replace('sources = ["s1", "s2", "s1"]', 'sources = ["s1", "s3"]', 1)
    result = load_bytes(bad.encode(), "bad.toml")
    assert result.dataset is None
    assert "unknown source 's3'" in str(result.errors[0])


def test_a_date_works_out_its_days_once_and_stays_the_same_value() -> None:
    date = PartialDate(2024, 2)
    assert (date.start, date.stop) == (dt.date(2024, 2, 1).toordinal(),
                                       dt.date(2024, 2, 29).toordinal())
    assert date == PartialDate(2024, 2) and hash(date) == hash(PartialDate(2024, 2))
    assert repr(date) == "PartialDate(year=2024, month=2, day=None)"
    assert pickle.loads(pickle.dumps(date)) == date
    with pytest.raises(ValueError):
        _ = PartialDate(2025, 2, 30).start  # an impossible day still says so when asked


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's malloc_trim")
def test_the_parsers_memory_is_given_back_on_glibc() -> None:
    assert release.release_freed_memory()
