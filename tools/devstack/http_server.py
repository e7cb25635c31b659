"""The local stand-ins' HTTP server: a thread per connection, quiet about clients that hang
up before their answer (a tab closed, a load test stopping), loud about anything else."""

import sys
from http.server import ThreadingHTTPServer


class LocalHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)
