// The reference posterior of schools_centred, written non-centred: Theta = Mu + Tau * Eta_raw with Eta_raw ~
// Normal(0, 1) is the same posterior of (Mu, Tau, Theta) as Theta ~ Normal(Mu, Tau), without the funnel that
// leaves NUTS on the centred program with divergent transitions and a biased Tau. Run as
// run_nuts.R schools_centred ... --program schools_centred_reference.
data {
  int<lower=1> J;
  vector[J] y;
  vector<lower=0>[J] sigma;
}
parameters {
  real Mu;
  real<lower=0> Tau;
  vector[J] Eta_raw;
}
transformed parameters {
  vector[J] Theta = Mu + Tau * Eta_raw;
}
model {
  Mu ~ normal(0, 5);
  Tau ~ normal(0, 5);                       // half-normal: Tau is constrained positive
  Eta_raw ~ normal(0, 1);
  y ~ normal(Theta, sigma);
}
