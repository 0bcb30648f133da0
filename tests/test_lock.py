"""The lock files (requirements/site.txt, requirements/test.txt) are in step with pyproject.toml:
every dependency is pinned there, at a version its range allows, with hashes, so CI, publishing
and `make` install exactly what was tested. `make lock` regenerates them with uv."""

from __future__ import annotations

import re
import tomllib

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import ROOT

PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>\S+)")


def pins(text: str) -> dict[str, str]:
    """name -> version for every `name==version` line of a lock file; every pin must carry a hash."""
    found = {}
    for block in re.split(r"\n(?=\S)", text):
        match = PIN.match(block)
        if match:
            assert "--hash=sha256:" in block, f"{match.group('name')} is pinned without a hash"
            found[canonicalize_name(match.group("name"))] = match.group("version")
    return found


def lock(name: str) -> dict[str, str]:
    return pins((ROOT / "requirements" / f"{name}.txt").read_text(encoding="utf-8"))


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


@pytest.mark.parametrize("lock_name, extras", [("site", []), ("test", ["test"])])
def test_every_dependency_is_pinned_within_its_range(lock_name, extras):
    pinned = lock(lock_name)
    wanted = project()["dependencies"] + [d for extra in extras for d in project()["optional-dependencies"][extra]]
    for line in wanted:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"requirements/{lock_name}.txt does not pin {name}: run `make lock`"
        assert requirement.specifier.contains(pinned[name], prereleases=True), (
            f"requirements/{lock_name}.txt pins {name}=={pinned[name]}, outside {requirement.specifier}: run `make lock`")


def test_the_site_and_the_tests_use_the_same_versions():
    site, test = lock("site"), lock("test")
    assert {name: test.get(name) for name in site} == site


def test_a_pin_without_a_hash_is_refused():
    with pytest.raises(AssertionError, match="without a hash"):
        pins("mkdocs==1.6.1\n    # via peer-support-hub\n")
    assert pins("mkdocs==1.6.1 \\\n    --hash=sha256:ab\n") == {"mkdocs": "1.6.1"}
