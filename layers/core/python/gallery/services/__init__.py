"""The rules, one module per concept. Each public function is one transaction."""
