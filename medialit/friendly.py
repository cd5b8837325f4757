"""Plain-language notes under the two Python errors a beginner meets first.

`from medialit import check` installs them in a notebook: the usual error stays on screen, and a
note under it says what to do. Nothing else about errors changes.

>>> print(note_for(NameError("name 'Brackenford' is not defined")))
Note: Python looked for a variable called Brackenford and found none. If Brackenford is text (a name, a word), put it in quotation marks: "Brackenford". If it is a name from an earlier cell, run that cell first (menu Run ▸ Run All Above Selected Cell).
>>> print(note_for(NameError("name 'place' is not defined")))
Note: place has no value yet. If it is one of your answers, run the cell where you give it a value first, and fix any error there. If it is text, put it in quotation marks: "place".
>>> print(note_for(SyntaxError("invalid syntax")))
Note: Python could not read this cell. Text goes in quotation marks ("Anatoly Antonov"), a list in square brackets with commas (["a", "b"]), a number with a dot for decimals (0.5).
"""
from __future__ import annotations

import re

SYNTAX_NOTE = ('Note: Python could not read this cell. Text goes in quotation marks ("Anatoly Antonov"), '
               'a list in square brackets with commas (["a", "b"]), a number with a dot for decimals (0.5).')


def note_for(error: BaseException) -> str | None:
    """The note shown under `error`, or None when there is none for it."""
    if isinstance(error, SyntaxError):
        return SYNTAX_NOTE
    if isinstance(error, NameError):
        found = re.search(r"name '([^']+)' is not defined", str(error))
        if found:
            name = found.group(1)
            if re.fullmatch(r"[a-z][a-z0-9_]*", name):  # looks like one of the notebook's names
                return (f"Note: {name} has no value yet. If it is one of your answers, run the cell "
                        "where you give it a value first, and fix any error there. If it is text, put "
                        f'it in quotation marks: "{name}".')
            return (f"Note: Python looked for a variable called {name} and found none. If {name} is "
                    f'text (a name, a word), put it in quotation marks: "{name}". If it is a name from '
                    "an earlier cell, run that cell first (menu Run ▸ Run All Above Selected Cell).")
    return None


def install(shell=None) -> bool:
    """Show the notes in this IPython shell (the running notebook's when None). False outside IPython."""
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return False
        shell = get_ipython()
    if shell is None or getattr(shell, "_medialit_friendly", False):
        return bool(shell)

    def on_name_error(self, etype, value, tb, tb_offset=None):
        self.showtraceback((etype, value, tb), tb_offset=tb_offset)
        print(note_for(value))

    plain_syntax_error = shell.showsyntaxerror

    def on_syntax_error(*args, **kwargs):
        plain_syntax_error(*args, **kwargs)
        print(SYNTAX_NOTE)

    shell.set_custom_exc((NameError,), on_name_error)
    shell.showsyntaxerror = on_syntax_error
    shell._medialit_friendly = True
    return True
