"""Accounts: users with office roles, IP agents, parties and API tokens."""
