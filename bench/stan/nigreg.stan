// nigreg (validation model 2): linear regression with unknown noise precision Tau and the conjugate Normal-Gamma
// prior: the coefficients' prior scales and the noise scale are all divided by sqrt(Tau). Uncentred x.
data {
  int<lower=1> N;
  vector[N] x;
  vector[N] y;
}
parameters {
  real<lower=0> Tau;
  real Alpha;
  real Beta;
}
model {
  Tau ~ gamma(2, 2);                        // shape 2, rate 2
  Alpha ~ normal(0, 100 / sqrt(Tau));
  Beta ~ normal(0, 10 / sqrt(Tau));
  y ~ normal(Alpha + Beta * x, 1 / sqrt(Tau));
}
