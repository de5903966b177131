# scikit-learn's decision tree through soakbench's Python bridge (learner type = python).
# soakbench calls fit() once per split with the train rows (a pandas DataFrame of the task's
# features and target; train.attrs["target"] names the target, train.attrs["seed"] is the split's
# seed) and predict() on the test rows' features. Parameters of the learner arrive in params.
from sklearn.tree import DecisionTreeRegressor


def fit(train, params):
    target = train.attrs["target"]
    x = train.drop(columns=[target])
    model = DecisionTreeRegressor(max_depth=params.get("max_depth"), random_state=train.attrs["seed"] % 2**32)
    return model.fit(x, train[target])


def predict(model, test):
    return model.predict(test)
