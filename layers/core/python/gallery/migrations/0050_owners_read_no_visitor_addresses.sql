-- share_access_failures holds link visitors' client addresses. The owner's policy let the
-- application role read them for "the share listing", which never did: the password guard
-- (0030) is their only reader besides the worker that forgets them.
drop policy share_access_failures_owner on share_access_failures;
revoke select on share_access_failures from gallery_app;
