"""A start-up cost the kit's tools need not pay: checking web addresses they never check.

nbformat validates notebooks with jsonschema, and jsonschema's format checkers import
`rfc3987_syntax` when it is installed (JupyterLab brings it in). That import builds a grammar:
about 1 s in every process that reads a notebook with nbformat — each worker of the test suite,
`build`, `release`, `grade --kernel`. Notebook schemas use no format it checks (iri,
iri-reference), so before jsonschema is imported the kit marks that module as absent, which
jsonschema allows for. Imported as a pytest plugin (`-p medialit.course.startup` in
pyproject.toml) it does so before nbval loads.

>>> skip_unused_imports(); import sys; "jsonschema" in sys.modules or sys.modules["rfc3987_syntax"] is None
True
"""
from __future__ import annotations

import sys


def skip_unused_imports() -> None:
    """Mark `rfc3987_syntax` as absent, unless jsonschema (or the module) is already loaded."""
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)


skip_unused_imports()
