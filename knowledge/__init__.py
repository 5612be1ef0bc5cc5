"""The fact base: pack files, loader, validator, search index, grader."""
