"""Password hashing for server mode: Argon2id with OWASP's recommended minimum (Password Storage Cheat
Sheet: 19 MiB of memory, 2 iterations, 1 lane) instead of Django's default (100 MB, 2 iterations, 8
lanes). Measured on 2 cores (bench/server_load.py): Django's default costs ~0.25 s of CPU per sign-in,
so 200 people signing in at once kept a 2-worker server busy for minutes and every check-in waited;
this one costs ~0.03 s. Stored hashes carry their own parameters: older ones still verify, and Django
re-hashes them with these at the next sign-in. The algorithm name stays "argon2".
"""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher


class OwaspArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
