// logistic (validation model 4): logistic regression with an intercept A and a slope B.
data {
  int<lower=1> N;
  vector[N] x;
  int<lower=0, upper=1> y[N];
}
parameters {
  real A;
  real B;
}
model {
  A ~ normal(0, 2.5);
  B ~ normal(0, 2.5);
  y ~ bernoulli_logit(A + B * x);
}
