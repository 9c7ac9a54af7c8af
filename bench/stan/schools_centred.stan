// schools, centred (validation model 3): eight schools' effects Theta ~ Normal(Mu, Tau), each observed with its
// known standard error.
data {
  int<lower=1> J;
  vector[J] y;
  vector<lower=0>[J] sigma;
}
parameters {
  real Mu;
  real<lower=0> Tau;
  vector[J] Theta;
}
model {
  Mu ~ normal(0, 5);
  Tau ~ normal(0, 5);                       // half-normal: Tau is constrained positive
  Theta ~ normal(Mu, Tau);
  y ~ normal(Theta, sigma);
}
