"""Share links, done safely (links: the owner; grants: opening a link and its grants;
passwords: protected links; visits: the visitor; public: public images; clean_copies:
what visitors are served).

- The token has 256 bits of randomness; only its sha-256 is stored, and it is shown once.
- A password is stored only as an argon2id hash. Opening a protected link takes a POST of
  the password, which returns an access grant (HMAC under the link's own key, short-lived);
  every later request for the link, assets included, carries it. Changing the password
  replaces the key: every grant given under the old one stops working.
- A view is counted when a visitor opens the link (or gives its password) with one atomic
  conditional UPDATE, so max_views is exact under concurrency; the grant it returns lets the
  visitor page through a folder and open images without spending more views. Link previews
  (HEAD, chat unfurlers) neither count nor see anything.
- Wrong passwords back off exponentially, checked before the password is compared (a
  refused attempt tells nothing of the password) and answered 429 with Retry-After. Anyone
  can send wrong passwords, so no failure of other addresses may keep out a visitor who
  knows the password: failures are remembered (for share_password_window_seconds) per link
  and client address, and per address across links; per link only as a ceiling.
  * link and address: share_password_free_attempts free, then each further attempt waits
    share_password_backoff_seconds × 2^(failures − free) after the latest failure, up to
    share_password_max_backoff_seconds;
  * address across links: the same, after share_password_address_free_attempts (more: an
    office or a carrier NAT is one address for many people);
  * link from everyone: past share_password_link_free_attempts the link is under attack,
    and an address that failed on it backs off from its first failure, up to the window. An
    address with no failure of its own on the link and within its address allowance is
    never held back, so its right password always gets in.
  IPv6 addresses count by their /64 (one host's usual allocation). An attacker with many
  addresses gets their number of guesses: hence the 8-character minimum and argon2id.
- Unknown, revoked, expired and used-up links answer the same 404 on every path (GET, HEAD,
  link previews, the password, the images), decided by the one query that looks the link
  up: a link that cannot be opened is no row, like an unknown token, so no answer and no
  timing tells them apart. Whoever spent a link's last view keeps its grant's hour.
- Without show_metadata, visitors get no prompt in JSON and none in the bytes: thumbnails
  carry pixels only, and the full image is a copy without metadata, never the original.
"""
