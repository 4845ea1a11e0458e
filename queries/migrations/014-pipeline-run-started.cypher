CREATE INDEX pipeline_run_started IF NOT EXISTS FOR (r:PipelineRun) ON (r.startedAt)
