"""Pure domain: types and clinical rules. Imports nothing of ours outside `domain/`, no framework."""
