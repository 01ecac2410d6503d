"""Running the portal: job runs and the nightly job, health, backups, the admin's records."""
