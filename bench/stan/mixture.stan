// mixture (validation model 6): two unit-variance normal components with ordered means Mu[1] < Mu[2] and weight W
// on the first. Stan's ordered type restricts the iid Normal(0, 5) prior to Mu[1] < Mu[2], as Ordered does.
data {
  int<lower=1> N;
  vector[N] y;
}
parameters {
  real<lower=0, upper=1> W;
  ordered[2] Mu;
}
model {
  W ~ beta(2, 2);
  Mu ~ normal(0, 5);
  for (n in 1:N)
    target += log_mix(W, normal_lpdf(y[n] | Mu[1], 1), normal_lpdf(y[n] | Mu[2], 1));
}
