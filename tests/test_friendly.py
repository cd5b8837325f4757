"""The plain-language notes appear under a beginner's errors in a real IPython shell."""
import contextlib
import io

from IPython.core.interactiveshell import InteractiveShell

from medialit.friendly import install


def run(shell, source: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        shell.run_cell(source)
    return out.getvalue()


def test_notes_follow_the_errors_and_nothing_else_changes():
    shell = InteractiveShell.instance()
    assert install(shell) and install(shell)  # a second install changes nothing
    unquoted = run(shell, "place = Brackenford")
    assert "NameError" in unquoted and 'put it in quotation marks: "Brackenford"' in unquoted
    assert "run the cell where you give it a value" in run(shell, "print(n_body_words)")
    broken = run(shell, 'subheadings = ["What happens next"')
    assert "SyntaxError" in broken and "square brackets with commas" in broken
    assert run(shell, "x = 1 + 1\nprint(x)") == "2\n"
    zero = run(shell, "1 / 0")
    assert "ZeroDivisionError" in zero and "Note:" not in zero
