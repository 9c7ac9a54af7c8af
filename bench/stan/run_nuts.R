# Runs Stan's NUTS on one model of the fit table and writes a summary (JSON) per run.
#
#   Rscript bench/stan/run_nuts.R <model> <data.json> [--out nuts/<model>.json] [--reference reference/<model>.json]
#           [--chains 2] [--warmup 1000] [--draws 1000] [--reference-chains 4] [--reference-warmup 1000]
#           [--reference-draws 10000] [--seed 1] [--program <name>]
#
# The program is bench/stan/<model>.stan, or bench/stan/<name>.stan with --program (a reference run of the same
# posterior written another way, e.g. schools_centred_reference). It is compiled once (timed on its own), then sampled for the benchmark run
# (--out: by default 2 chains x 1,000 warm-up + 1,000 draws) and/or the long reference run (--reference: by default
# 4 chains x 1,000 warm-up + 10,000 draws). Chains run one after the other on one core. The sampling time is the sum
# of the chains' warm-up and sampling times as Stan measures them (get_elapsed_time: rstan 2.21's Stan reads the
# process's CPU clock), so R's own work is outside it; the wall time of the sampling call is recorded next to it.
# Each JSON holds the settings, the times, the divergent transitions after warm-up, the largest R-hat and the
# smallest effective sample size, and every parameter's posterior mean and sd. Parameters are named as Alan's
# PosteriorSummaryRow.Label names them: 0-based indices, "Alpha[0, 2]". Auxiliary parameters whose names end in
# "_raw" (non-centred parameterisations) are left out; the model writes the parameter itself as a transformed one.
# A model with no parameters (hmm: its states come from generated quantities) runs Stan's fixed-parameter sampler.
suppressPackageStartupMessages({
  library(rstan)
  library(jsonlite)
})

args <- commandArgs(trailingOnly = TRUE)
usage <- "usage: Rscript run_nuts.R <model> <data.json> [--out file] [--reference file] [--chains n] [--warmup n] [--draws n] [--reference-chains n] [--reference-warmup n] [--reference-draws n] [--seed n]"
if (length(args) < 2) stop(usage)
model <- args[1]
data_path <- args[2]
settings <- list(out = NA, reference = NA, program = NA, chains = 2, warmup = 1000, draws = 1000,
                 "reference-chains" = 4, "reference-warmup" = 1000, "reference-draws" = 10000, seed = 1)
rest <- args[-(1:2)]
if (length(rest) %% 2 != 0) stop(paste("every option needs a value;", usage))
for (i in seq(1, length(rest), by = 2)) {
  name <- sub("^--", "", rest[i])
  if (!(name %in% names(settings))) stop(paste0("unknown option '", rest[i], "'; ", usage))
  settings[[name]] <- if (name %in% c("out", "reference", "program")) rest[i + 1] else as.integer(rest[i + 1])
}
if (is.na(settings$out) && is.na(settings$reference)) stop(paste("give --out, --reference or both;", usage))

script_dir <- dirname(normalizePath(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)[1])))
program_name <- if (is.na(settings$program)) model else settings$program
program <- file.path(script_dir, paste0(program_name, ".stan"))
if (!file.exists(program)) stop(paste0("no Stan program for model '", model, "': expected ", program))
if (!file.exists(data_path)) stop(paste0("data file '", data_path, "' does not exist"))
data <- fromJSON(data_path, simplifyVector = TRUE)

# Debian's BH package has no headers of its own: Stan's Boost headers are the system's.
if (!file.exists(rstan_options("boost_lib"))) rstan_options(boost_lib = "/usr/include")

# Compiled programs are kept in bench/stan/.compiled with the time their compilation took, and reused while the
# program's text is unchanged (a rerun on new data then reports the original compile time).
program_text <- paste(readLines(program), collapse = "\n")
cache <- file.path(script_dir, ".compiled", paste0(program_name, ".rds"))
cached <- if (file.exists(cache)) readRDS(cache) else NULL
if (!is.null(cached) && identical(cached$code, program_text)) {
  compiled <- cached$model
  compile_seconds <- cached$compile_seconds
  cat(sprintf("%s: compiled program reused (it took %.1f s to compile)\n", model, compile_seconds))
} else {
  compile_start <- proc.time()[["elapsed"]]
  compiled <- stan_model(program, model_name = program_name)
  compile_seconds <- proc.time()[["elapsed"]] - compile_start
  dir.create(dirname(cache), showWarnings = FALSE)
  saveRDS(list(code = program_text, model = compiled, compile_seconds = compile_seconds), cache)
  cat(sprintf("%s: compiled in %.1f s\n", model, compile_seconds))
}

# "Alpha[2,3]" (Stan, 1-based) -> "Alpha[1, 2]" (Alan's labels, 0-based). A trailing underscore is dropped: the
# programs write "Phi_" where Stan reserves the name.
alan_label <- function(name) {
  m <- regmatches(name, regexec("^([^[]+)\\[(.*)\\]$", name))[[1]]
  if (length(m) == 0) return(sub("_$", "", name))
  paste0(sub("_$", "", m[2]), "[", paste(as.integer(strsplit(m[3], ",")[[1]]) - 1L, collapse = ", "), "]")
}

# The auxiliary parameters of non-centred parameterisations: declared with a name ending in "_raw".
raw <- unique(sub("\\s*;$", "", regmatches(program_text, gregexpr("\\b[A-Za-z0-9]+_raw\\s*;", program_text, perl = TRUE))[[1]]))
has_parameters <- grepl("(^|\n)parameters\\s*\\{", program_text, perl = TRUE)

# The largest or smallest finite value (NA when there is none: the draws of every output were constant).
extreme <- function(f, x) if (any(is.finite(x))) f(x[is.finite(x)]) else NA

run <- function(chains, warmup, draws, path) {
  start <- proc.time()
  fit <- sampling(compiled, data = data, chains = chains, warmup = warmup, iter = warmup + draws, cores = 1,
                  seed = settings$seed, refresh = 0,
                  pars = if (length(raw) > 0) raw else NA, include = length(raw) == 0,
                  algorithm = if (has_parameters) "NUTS" else "Fixed_param")
  wall <- (proc.time() - start)[["elapsed"]]
  keep <- fit@model_pars[!(fit@model_pars %in% c(raw, "lp__"))]
  s <- summary(fit, pars = keep)$summary
  elapsed <- get_elapsed_time(fit)
  divergences <- if (has_parameters) sum(sapply(get_sampler_params(fit, inc_warmup = FALSE), function(x) sum(x[, "divergent__"]))) else 0L
  result <- list(
    model = model, program = program_name, chains = chains, warmup = warmup, draws = draws,
    compile_seconds = compile_seconds, sampling_seconds = sum(elapsed), sampling_wall_seconds = wall,
    divergences = divergences,
    max_rhat = extreme(max, s[, "Rhat"]), min_n_eff = extreme(min, s[, "n_eff"]),
    parameters = data.frame(name = vapply(rownames(s), alan_label, ""), mean = s[, "mean"], sd = s[, "sd"], row.names = NULL))
  dir.create(dirname(path), showWarnings = FALSE, recursive = TRUE)
  write_json(result, path, auto_unbox = TRUE, digits = NA, pretty = TRUE, na = "null")
  cat(sprintf("%s: %d chains x (%d + %d): sampling %.1f s (wall %.1f s), %d divergent, max R-hat %.3f, min n_eff %.0f -> %s\n",
              model, chains, warmup, draws, sum(elapsed), wall, divergences, result$max_rhat, result$min_n_eff, path))
}

if (!is.na(settings$out)) run(settings$chains, settings$warmup, settings$draws, settings$out)
if (!is.na(settings$reference))
  run(settings[["reference-chains"]], settings[["reference-warmup"]], settings[["reference-draws"]], settings$reference)
