// poisson (validation model 5): Poisson regression with log rate A + B x.
data {
  int<lower=1> N;
  vector[N] x;
  int<lower=0> y[N];
}
parameters {
  real A;
  real B;
}
model {
  A ~ normal(0, 2.5);
  B ~ normal(0, 2.5);
  y ~ poisson_log(A + B * x);
}
