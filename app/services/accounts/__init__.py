"""Accounts: users and their sessions, passwords, organizations, and the admin's user imports."""
