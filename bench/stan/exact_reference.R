# Exact reference posteriors (means and sds) for the two validation models whose posterior has a closed form and
# whose strongly correlated coefficients NUTS mixes over slowly: linreg and nigreg. Writes the same JSON as
# run_nuts.R's reference runs ("method": "exact"), so Alan.FitBench reads either.
#
#   Rscript bench/stan/exact_reference.R linreg tests/Alan.Validation.Tests/Data/linreg.json bench/stan/reference/linreg.json
#   Rscript bench/stan/exact_reference.R nigreg tests/Alan.Validation.Tests/Data/nigreg.json bench/stan/reference/nigreg.json
suppressPackageStartupMessages(library(jsonlite))

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 3 || !(args[1] %in% c("linreg", "nigreg")))
  stop("usage: Rscript exact_reference.R <linreg|nigreg> <data.json> <out.json>")
model <- args[1]
data <- fromJSON(args[2], simplifyVector = TRUE)

# The Gaussian posterior of coefficients c with prior c ~ Normal(0, diag(prior_sd^2)) and y ~ Normal(Z c, noise_sd^2):
# precision Z'Z / noise_sd^2 + diag(1 / prior_sd^2). It is solved as the least-squares problem of the stacked system
# [Z / noise_sd; diag(1 / prior_sd)] c = [y / noise_sd; 0] by QR, without forming Z'Z: the uncentred predictors make
# Z'Z nearly singular in double precision. Returns the mean, the covariance and the residual sum of squares of the
# stacked system (||y - Z mean||^2 / noise_sd^2 + sum((mean / prior_sd)^2)).
gaussian_posterior <- function(Z, y, noise_sd, prior_sd) {
  A <- rbind(Z / noise_sd, diag(1 / prior_sd, length(prior_sd)))
  b <- c(y / noise_sd, rep(0, length(prior_sd)))
  q <- qr(A)
  mean <- qr.coef(q, b)
  R_inverse <- backsolve(qr.R(q), diag(length(prior_sd)))
  # A = Q R with column pivoting: undo the pivot for the covariance (R' R)^-1.
  covariance <- matrix(0, length(prior_sd), length(prior_sd))
  covariance[q$pivot, q$pivot] <- R_inverse %*% t(R_inverse)
  list(mean = mean, covariance = covariance, rss = sum((b - A %*% mean)^2))
}

if (model == "linreg") {
  # Alpha ~ Normal(0, 100), Beta_j ~ Normal(0, 10), y ~ Normal(Alpha + x Beta, sigma): Gaussian posterior.
  Z <- cbind(1, as.matrix(data$x))
  post <- gaussian_posterior(Z, data$y, data$sigma, c(100, rep(10, data$P)))
  names <- c("Alpha", paste0("Beta[", seq_len(data$P) - 1, "]"))
  parameters <- data.frame(name = names, mean = post$mean, sd = sqrt(diag(post$covariance)))
} else {
  # Tau ~ Gamma(2, rate 2); given Tau, (Alpha, Beta) ~ Normal(0, diag(100^2, 10^2) / Tau) and y ~ Normal(Alpha + Beta x,
  # 1 / Tau): Normal-Gamma. Tau | y ~ Gamma(2 + N / 2, rate 2 + S / 2) with S the stacked residual sum of squares at
  # unit noise; (Alpha, Beta) | y is Student-t with 2 a_n degrees of freedom, location the Gaussian mean and
  # covariance b_n / (a_n - 1) times the unit-noise posterior covariance.
  Z <- cbind(1, data$x)
  post <- gaussian_posterior(Z, data$y, 1, c(100, 10))
  a_n <- 2 + data$N / 2
  b_n <- 2 + post$rss / 2
  coefficient_sd <- sqrt(b_n / (a_n - 1) * diag(post$covariance))
  parameters <- data.frame(name = c("Tau", "Alpha", "Beta"),
                           mean = c(a_n / b_n, post$mean),
                           sd = c(sqrt(a_n) / b_n, coefficient_sd))
}

result <- list(model = model, method = "exact", chains = 0, warmup = 0, draws = 0, compile_seconds = 0,
               sampling_seconds = 0, sampling_wall_seconds = 0, divergences = 0, max_rhat = NA, min_n_eff = NA,
               parameters = parameters)
dir.create(dirname(args[3]), showWarnings = FALSE, recursive = TRUE)
write_json(result, args[3], auto_unbox = TRUE, digits = NA, pretty = TRUE, na = "null")
print(parameters)
