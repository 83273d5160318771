"""Progress on a terminal, silence when piped or asked."""

import io

from claimkit.progress import Progress, progress_for


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_shows_files_claims_rate_and_time_left():
    now = [0.0]
    out = io.StringIO()
    progress = Progress(out, clock=lambda: now[0])
    progress.start(4)
    for _ in range(3):
        now[0] += 2.0
        progress(None, 25)
    assert progress.line() == "3/4 files, 75 claims, 0.5 files/s, about 2 s left"
    now[0] += 2.0
    progress(None, 5)
    assert out.getvalue().endswith("4/4 files, 80 claims, 0.5 files/s\x1b[K\n")  # done: no time left, a newline


def test_progress_is_quiet_when_piped_or_asked():
    assert progress_for(False, io.StringIO()) is None  # not a terminal
    assert progress_for(True, Terminal()) is None
    assert isinstance(progress_for(False, Terminal()), Progress)


def test_extract_sources_tells_progress_the_total(tmp_path, nlp):
    from claimkit import extract_sources, read_source

    paths = []
    for i in range(2):
        paths.append(tmp_path / f"e{i}.txt")
        paths[-1].write_text(f"In 1937 about {i + 5},000 people were shot.", encoding="utf-8")
    out = Terminal()
    progress = Progress(out)
    extract_sources([read_source(p) for p in paths], nlp=nlp, on_source=progress)
    assert progress.total == 2 and progress.done == 2 and progress.claims >= 2
