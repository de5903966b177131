# scikit-learn's decision tree through soakbench's Python bridge (learner type = python).
# soakbench calls fit() once per split with the train rows (a pandas DataFrame of the task's
# features and target; train.attrs["target"] names the target, train.attrs["seed"] is the split's
# seed, train.attrs["kind"] is "regression" or "classification") and predict() on the test rows'
# features. Parameters of the learner arrive in params. predict() returns numbers, or class labels
# for a classification task (forest.py returns class probabilities instead).
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor


def fit(train, params):
    target = train.attrs["target"]
    tree = DecisionTreeClassifier if train.attrs["kind"] == "classification" else DecisionTreeRegressor
    model = tree(max_depth=params.get("max_depth"), random_state=train.attrs["seed"] % 2**32)
    return model.fit(train.drop(columns=[target]), train[target])


def predict(model, test):
    return model.predict(test)
