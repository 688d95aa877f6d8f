"""The office: Django apps for filing, procedure, fees, register, accounts and audit."""
