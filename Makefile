# Pingvas Gallery: every command a newcomer needs. `make dev` runs it, `make test` proves it.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install dev test lint fmt migrate bench clean opensearch lambda-python synth web web-test \
	web-e2e system-dev system-test api-types bench-web bench-load
# Node 20 works for the CDK (jsii) but prints an end-of-life banner on every run.
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION := 20
CDK := node_modules/.bin/cdk
OPENSEARCH := tools/opensearch-local/target/lib/.built

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

## Debian packages: PgBouncer (the local stand-in for RDS Proxy) for the stack; Chromium and
## Korean fonts for the browser tests. Installed with apt when root, else named and stopped.
define apt_ensure
	@missing=$$(for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get install -y -q $$missing || { apt-get update -q && apt-get install -y -q $$missing; }; \
	  else \
	    echo "missing Debian packages; run: sudo apt-get install -y" $$missing >&2; exit 1; \
	  fi; \
	fi
endef

system-dev:
	$(call apt_ensure,pgbouncer)

system-test:
	$(call apt_ensure,pgbouncer chromium fonts-noto-cjk)

## A real OpenSearch node with nori, for tests and the local stack (Java 17 + Maven; ~/.m2 reused)
$(OPENSEARCH): tools/opensearch-local/pom.xml $(shell find tools/opensearch-local/src -type f)
	mvn -B -q -Dstyle.color=never -f tools/opensearch-local/pom.xml package
	touch $(OPENSEARCH)

opensearch: $(OPENSEARCH)

## CPython of the Lambda runtime's version (3.12), for the runtime fidelity test: JavaCPP's
## build from Maven Central (Debian 12 has only 3.11). The unzip drops the exec bit, and
## _ctypes finds libffi beside itself (its RUNPATH), so both are put right after unpacking.
LAMBDA_PYTHON := .local/lambda-python/bin/python3.12
LAMBDA_PYTHON_PLATFORM := linux-$(subst aarch64,arm64,$(shell uname -m))
$(LAMBDA_PYTHON): tools/lambda-python/pom.xml
	rm -rf .local/lambda-python .local/lambda-python-unpacked
	mvn -B -q -Dstyle.color=never -f tools/lambda-python/pom.xml \
		-Dcpython.platform=$(LAMBDA_PYTHON_PLATFORM) package
	mv .local/lambda-python-unpacked/org/bytedeco/cpython/$(LAMBDA_PYTHON_PLATFORM) .local/lambda-python
	rm -rf .local/lambda-python-unpacked .local/lambda-python-build
	chmod +x $(LAMBDA_PYTHON)
	cp .local/lambda-python/libffi.so.7 .local/lambda-python/lib/python3.12/lib-dynload/
	$(LAMBDA_PYTHON) -I -S -c "import ctypes, ssl; ssl.create_default_context()"

lambda-python: $(LAMBDA_PYTHON)

## The dashboard (web/): its npm packages from the lockfile, then the built app in web/dist
WEB_STAMP := web/node_modules/.installed
$(WEB_STAMP): web/package.json web/package-lock.json
	npm ci --prefix web --no-audit --no-fund --loglevel=error
	touch $(WEB_STAMP)

web/dist/index.html: $(WEB_STAMP) web/index.html web/vite.config.ts web/bench/firstScreenBudget.ts web/tsconfig.json $(shell find web/src -type f)
	npm run --prefix web build

web: web/dist/index.html

## The dashboard's API types: the OpenAPI document the API serves (web/openapi.json, no
## stack needed), then web/src/api/schema.d.ts from it; commit both
api-types: install $(WEB_STAMP)
	$(VENV)/bin/gallery-dev openapi --out web/openapi.json
	npm run --prefix web api-types

## The dashboard's type check (against the generated API types, which must be up to date)
## and component tests (Vitest)
web-test: $(WEB_STAMP)
	npm run --prefix web api-types:check
	npm run --prefix web typecheck
	npm test --prefix web

## The dashboard in Debian's Chromium against a whole local stack of its own
## (screenshots in .local/e2e/screenshots)
web-e2e: install web
	cd web && npx playwright test

## Run the whole product locally: PostgreSQL, S3/SQS (moto), the API and the dashboard on
## http://127.0.0.1:8000
dev: system-dev install opensearch web
	$(VENV)/bin/gallery-dev up

## Lint, then every test (unit, integration, end-to-end, infrastructure, dashboard)
test: system-test install opensearch lambda-python lint web-test web
	$(PY) -m pytest
	$(MAKE) web-e2e

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

fmt: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## Apply migrations to GALLERY_MIGRATE_DATABASE_URL (the table owner's login)
migrate: install
	$(VENV)/bin/gallery migrate

## The npm CDK command line, pinned in package.json / package-lock.json (for synth and deploy)
$(CDK): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(CDK)

## Synthesize every environment offline (cdk-nag runs on each) into cdk.out/<env>
synth: install web $(CDK)
	for env in dev staging prod; do \
		$(CDK) synth -c env=$$env --quiet -o cdk.out/$$env || exit 1; \
	done

bench: install opensearch web
	$(PY) -m pip install --quiet -r bench/requirements.txt
	$(PY) bench/list_images.py
	$(PY) bench/cost_curves.py
	$(PY) bench/cold_start.py
	$(PY) bench/thumbnails.py
	$(PY) bench/ingest_throughput.py
	$(PY) bench/search_bench.py
	$(PY) bench/search_curves.py
	$(PY) bench/shares_bench.py
	$(PY) bench/web_grid.py
	$(PY) bench/load_test.py

## The dashboard in Chromium against a local stack of its own: first grid paint (desktop;
## phone on Slow 4G with 4x CPU) and a scroll through 5,000 images (figures: bench/README.md)
bench-web: install web
	$(PY) bench/web_grid.py

## the load test: the dashboard's mix at 1, 8 and 32 clients, the gateway's containers per
## function (figures: bench/README.md)
bench-load: install
	$(PY) -m pip install --quiet -r bench/requirements.txt
	$(PY) bench/load_test.py

clean:
	rm -rf .local/dev .pytest_cache .ruff_cache cdk.out
