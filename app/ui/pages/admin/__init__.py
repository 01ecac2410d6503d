"""The admin console: users, organizations, content authoring, certificates, jobs and the audit log."""
