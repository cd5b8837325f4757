"""Course tooling for instructors: build exercises from solutions, grade, release."""
