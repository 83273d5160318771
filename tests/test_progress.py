"""Progress: a bar per stage on a terminal, silence when piped or asked, callbacks from the library."""

import io

from claimkit.progress import BarProgress, progress_for


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_bars_name_each_stage_with_its_own_count():
    out = Terminal()
    bars = BarProgress(out)
    bars("read", 3, 4)
    bars("read", 4, 4)
    bars("extract", 1, 4)
    bars.close()
    text = out.getvalue()
    assert "read" in text and "4/4" in text
    assert "extract" in text and "1/4" in text


def test_progress_is_quiet_when_piped_or_asked():
    assert progress_for(False, io.StringIO()) is None  # not a terminal
    assert progress_for(True, Terminal()) is None
    assert isinstance(progress_for(False, Terminal()), BarProgress)


def test_progress_library_reports_every_stage_from_the_first_document(tmp_path, nlp):
    import claimkit

    for i in range(3):
        (tmp_path / "in" / f"e{i}.txt").parent.mkdir(exist_ok=True)
        (tmp_path / "in" / f"e{i}.txt").write_text(f"In 1937 about {i + 5},000 people were shot.", encoding="utf-8")
    calls = []
    claimkit.audit([tmp_path / "in"], out_dir=tmp_path / "out", nlp=nlp, progress=lambda *a: calls.append(a))
    stages = [c[0] for c in calls]
    assert stages.index("read") < stages.index("extract") < stages.index("compare") \
        < min(stages.index("store"), stages.index("export"), stages.index("report"))
    assert ("read", 1, 3) in calls and ("extract", 1, 3) in calls and ("extract", 3, 3) in calls
    last = {stage: (done, total) for stage, done, total in calls}
    assert all(done == total for done, total in last.values())


def test_progress_library_functions_print_nothing(tmp_path, nlp, capsys):
    from claimkit import extract_all, read_sources

    (tmp_path / "e.txt").write_text("In 1937 about 5,000 people were shot.", encoding="utf-8")
    extract_all(read_sources([tmp_path]).sources, nlp=nlp)
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""
