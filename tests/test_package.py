"""`import medialit` loads each part when it is first used, and the names stay what they are."""
import subprocess
import sys

import medialit as ml


def test_the_command_line_starts_without_pandas_or_matplotlib():
    code = ("import sys, contextlib, io\nfrom medialit.__main__ import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    try:\n        main(['--help'])\n    except SystemExit:\n        pass\n"
            "print(sorted(m for m in ('pandas', 'matplotlib', 'nltk') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_numbers_and_context_stay_functions_when_their_modules_are_imported():
    code = ("import medialit as ml\nml.quotations(ml.load_article())\n"  # sourcing imports numbers.py
            "import medialit.numbers, medialit.context\n"
            "print(callable(ml.numbers), callable(ml.context), len(ml.numbers(ml.load_article())) > 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True", "True"]


def test_every_public_name_and_module_is_reachable():
    for name in ml.__all__:
        assert getattr(ml, name) is not None, name
    assert ml.display.show_table is ml.show_table and "numbers" in dir(ml)
    try:
        ml.no_such_name
    except AttributeError as err:
        assert "no_such_name" in str(err)
    else:
        raise AssertionError("an unknown name must raise AttributeError")
