// Chimpanzees (samples/Alan.Samples.Chimpanzees/Model.cs): whether the chimpanzee pulls the left lever, logistic in
// an intercept, an actor effect, an (actor, block) effect and the prosocial-left treatment by condition.
// Non-centred actor and block effects (AlphaActor_raw, AlphaBlock_raw): the same posterior.
data {
  int<lower=1> Actors;
  int<lower=1> Blocks;
  int<lower=1> Repeats;
  int<lower=0, upper=1> PulledLeft[Actors, Blocks, Repeats];
  vector[Repeats] Condition[Actors, Blocks];
  vector[Repeats] ProsocLeft[Actors, Blocks];
}
parameters {
  real SigmaBlock;
  real SigmaActor;
  real BetaPC;
  real BetaP;
  real Alpha;
  vector[Actors] AlphaActor_raw;
  matrix[Actors, Blocks] AlphaBlock_raw;
}
transformed parameters {
  vector[Actors] AlphaActor = exp(SigmaActor) * AlphaActor_raw;                 // Normal(0, exp(SigmaActor))
  matrix[Actors, Blocks] AlphaBlock = exp(SigmaBlock) * AlphaBlock_raw;        // Normal(0, exp(SigmaBlock))
}
model {
  SigmaBlock ~ normal(0, 1);
  SigmaActor ~ normal(0, 1);
  BetaPC ~ normal(0, 10);
  BetaP ~ normal(0, 10);
  Alpha ~ normal(0, 10);
  AlphaActor_raw ~ normal(0, 1);
  to_vector(AlphaBlock_raw) ~ normal(0, 1);
  for (a in 1:Actors)
    for (b in 1:Blocks)
      PulledLeft[a, b] ~ bernoulli_logit(Alpha + AlphaActor[a] + AlphaBlock[a, b] + (BetaP + BetaPC * Condition[a, b]) .* ProsocLeft[a, b]);
}
