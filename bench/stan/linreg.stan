// linreg (validation model 1): Bayesian linear regression with known noise and uncentred, strongly correlated
// predictors. The posterior is Gaussian, with Alpha almost perfectly anti-correlated with the coefficients.
data {
  int<lower=1> N;
  int<lower=1> P;
  matrix[N, P] x;
  vector[N] y;
  real<lower=0> sigma;
}
parameters {
  real Alpha;
  vector[P] Beta;
}
model {
  Alpha ~ normal(0, 100);
  Beta ~ normal(0, 10);
  y ~ normal(Alpha + x * Beta, sigma);
}
