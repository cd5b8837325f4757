"""Placeholder: written by its lesson's issue."""
