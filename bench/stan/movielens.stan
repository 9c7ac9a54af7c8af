// MovieLens (samples/Alan.Samples.MovieLens/Model.cs): whether a user likes a film, logistic in the user's genre
// preferences Z (18 per user) dotted with the film's genre indicators; the users' preferences share a prior
// Normal(MuZ, exp(PsiZ)) per genre. Non-centred (Z_raw): the same posterior.
data {
  int<lower=1> Users;
  int<lower=1> Films;
  int<lower=1> Genres;
  int<lower=0, upper=1> Rating[Users, Films];
  matrix[Films, Genres] X[Users];
}
parameters {
  vector[Genres] MuZ;
  vector[Genres] PsiZ;
  matrix[Users, Genres] Z_raw;
}
transformed parameters {
  matrix[Users, Genres] Z = rep_matrix(MuZ', Users) + Z_raw .* rep_matrix(exp(PsiZ)', Users);
}
model {
  MuZ ~ normal(0, 1);
  PsiZ ~ normal(0, 1);
  to_vector(Z_raw) ~ normal(0, 1);
  for (u in 1:Users)
    Rating[u] ~ bernoulli_logit(X[u] * Z[u]');
}
