# SIP-guiden. `make run` sets everything up and starts the bot; `make test` runs every test.
SHELL := /bin/bash
# Rasa 3.6 needs Python 3.10: pyenv's copy if there is one, else python3.10 on PATH.
PYTHON_BOOTSTRAP ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/3.10*/bin/python3.10 /root/.pyenv/versions/3.10*/bin/python3.10) python3.10)
VENV ?= .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa

export RASA_CACHE_DIRECTORY ?= var/rasa-cache
export RASA_TELEMETRY_ENABLED ?= false
export TF_CPP_MIN_LOG_LEVEL ?= 2
export SQLALCHEMY_SILENCE_UBER_WARNING ?= 1
export SIP_ENDPOINTS ?= bot/endpoints.yml
# Import this checkout's code (custom NLU components, actions) even from a venv shared between checkouts.
export PYTHONPATH := $(CURDIR)

SPACY_DIR := var/spacy/sv_sip
MODEL := var/models/sip-guiden.tar.gz
GENERATED := data/nlu/knowledge.generated.yml bot/domain/knowledge.generated.yml data/rules/global_commands.generated.yml
KNOWLEDGE := $(shell find knowledge -name '*.yml' 2>/dev/null)
TRAINING_INPUTS := bot/config.yml $(shell find bot/domain data -name '*.yml' ! -name '*.generated.yml' 2>/dev/null) $(shell find bot/components -name '*.py')

.PHONY: all venv setup nlp generated train migrate staff-user purge rotate-keys run deliver test test-data test-stories test-pytest bench screenshots clean

all: setup

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON_BOOTSTRAP) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check pip==24.2
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $@

venv: $(VENV)/.installed

# Rasa fingerprints SpacyNLP by its path only, so a changed pipeline must clear Rasa's cache.
# The lemma table keeps the lemmas of the project's texts, so those texts are inputs too.
$(SPACY_DIR)/meta.json: bot/nlu/build_spacy_pipeline.py bot/nlu/lemma_overrides.yml $(KNOWLEDGE) $(TRAINING_INPUTS) $(VENV)/.installed
	$(PY) -m bot.nlu.build_spacy_pipeline --out $(SPACY_DIR) --if-changed; status=$$?; \
	  if [ $$status -eq 0 ]; then rm -rf $(RASA_CACHE_DIRECTORY); elif [ $$status -ne 3 ]; then exit $$status; fi
	touch $@

nlp: $(SPACY_DIR)/meta.json

# The global-command rules cover every form in the domain, so the domain is an input too.
$(GENERATED) &: $(KNOWLEDGE) bot/global_commands.yml $(filter bot/domain/%,$(TRAINING_INPUTS)) bot/generate_training_data.py actions/knowledge_base.py $(VENV)/.installed
	$(PY) -m bot.generate_training_data

generated: $(GENERATED)

# Trains only when the model is missing or one of its inputs changed. `make test` validates
# the data (test-data), so training skips Rasa's own validation (about 10 s).
$(MODEL): $(SPACY_DIR)/meta.json $(GENERATED) $(TRAINING_INPUTS)
	$(RASA) train --config bot/config.yml --domain bot/domain --data data \
	  --out var/models --fixed-model-name sip-guiden --skip-validation
	touch $@

train: $(MODEL)

migrate: $(VENV)/.installed
	$(PY) -m actions.casestore.migrate

# A staff account for the portal: make staff-user ORG=dalsed_hagaskolan NAME=anna [ROLE=uppfoljning]
# (password from SIP_STAFF_PASSWORD or a prompt; never logged).
staff-user: migrate
	$(PY) -m channels.staff.cli --organisation "$(ORG)" --username "$(NAME)" --role "$(or $(ROLE),handlaggare)"

setup: train migrate

# Deletes what is past its retention period once (docs/privacy.md); `make run` repeats it daily.
purge: migrate
	$(PY) -m actions.casestore.retention

# Re-encrypts the case store with the first key of SIP_ENCRYPTION_KEYS (docs/privacy.md).
rotate-keys: migrate
	$(PY) -m actions.casestore.rotate_keys

run: setup
	$(VENV)/bin/honcho start -f Procfile

# Sends stored SIP requests from the outbox to SIP_DELIVERY_URL (a template with {organisation}).
deliver: migrate
	$(PY) -m actions.request_delivery

# pytest last, so its summary is the closing line.
test: setup test-data test-stories test-pytest

test-data: $(GENERATED)
	$(RASA) data validate --config bot/config.yml --domain bot/domain --data data

test-pytest: setup
	$(PY) -m pytest -q -p no:cacheprovider

test-stories: $(MODEL)
	$(RASA) test core --model $(MODEL) --stories tests/stories \
	  --fail-on-prediction-errors --out var/results/stories

clean:
	rm -rf var/models var/spacy var/rasa-cache var/results $(GENERATED)

BASELINE_MODEL := var/models/baseline.tar.gz

# The baseline pipeline shows what the Swedish tokens, lemmas and crisis lexicon add.
$(BASELINE_MODEL): bench/baseline/config.yml $(GENERATED) $(TRAINING_INPUTS)
	$(RASA) train nlu --config bench/baseline/config.yml --nlu data/nlu --out var/models --fixed-model-name baseline
	touch $@

bench: setup $(BASELINE_MODEL)
	$(PY) -m bench.nlu_cv --folds 5 --out var/results/cv
	$(PY) -m bench.nlu_quality --baseline-model $(BASELINE_MODEL) --cv var/results/cv/summary.json \
	  --markdown docs/benchmarks.md
	$(PY) -m bench.load --markdown docs/load.md

# Pictures of the widget for the README, taken by the browser tests.
screenshots: setup
	SIP_SCREENSHOTS_DIR=docs/screenshots $(PY) -m pytest -q -p no:cacheprovider tests/e2e/test_browser.py -k accessibility
	SIP_SCREENSHOTS_DIR=docs/screenshots $(PY) -m pytest -q -p no:cacheprovider tests/e2e/test_portal_browser.py
