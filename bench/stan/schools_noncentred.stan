// schools, non-centred (validation model 3): the eight schools with Theta = Mu + Tau * Eta, Eta ~ Normal(0, 1).
data {
  int<lower=1> J;
  vector[J] y;
  vector<lower=0>[J] sigma;
}
parameters {
  real Mu;
  real<lower=0> Tau;
  vector[J] Eta;
}
model {
  Mu ~ normal(0, 5);
  Tau ~ normal(0, 5);                       // half-normal: Tau is constrained positive
  Eta ~ normal(0, 1);
  y ~ normal(Mu + Tau * Eta, sigma);
}
