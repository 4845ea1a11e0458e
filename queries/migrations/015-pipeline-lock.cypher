CREATE CONSTRAINT pipeline_lock_name IF NOT EXISTS FOR (l:PipelineLock) REQUIRE l.name IS UNIQUE
