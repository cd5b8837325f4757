"""Every example in the package's docstrings runs and prints what it says."""
import doctest
import importlib
import pkgutil
import sys

import pytest

import medialit

MODULES = sorted(m.name for m in pkgutil.walk_packages(medialit.__path__, "medialit.")
                 if not m.name.endswith("__main__"))


def test_the_package_has_modules_to_check():
    assert {"medialit.article", "medialit.framing", "medialit.course.sandbox"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    importlib.import_module(name)
    module = sys.modules[name]  # not medialit.numbers the function, which shadows the module
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples in {name} fail"
